"""The live room: a small server a coach runs so a workshop's answers can be seen live.

``equitykit room`` serves the learner site and the room API from one origin. The coach opens a
room and gets a short code and a private coach token; participants join with the code, with no
names or accounts, and their knowledge-check answers, polls, sorting choices and opt-in shared
reflections go to the room. The coach's view shows only aggregates and the shared texts.

Modules: :mod:`~equitykit.room.catalogue` (what a room accepts), :mod:`~.submissions` (checking
one answer), :mod:`~.store` and :mod:`~.writer` (SQLite), :mod:`~.aggregates` (the coach's
view and CSV), :mod:`~.app` (routes), :mod:`~.server` (the command).
"""
