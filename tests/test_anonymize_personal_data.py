import pandas as pd
import pytest

from equitykit.anonymize import PersonalDataError, anonymize_students
from equitykit.anonymize.personal_data import check_column_names, check_column_values
from tests.conftest_data import random_students


@pytest.mark.parametrize(
    ("column", "advice"),
    [
        ("first_name", "the kit needs no names"),
        ("Last Name", "the kit needs no names"),
        ("student_name", "the kit needs no names"),
        ("date_of_birth", "grade is all the kit needs"),
        ("DOB", "grade is all the kit needs"),
        ("home_address", "neighbourhood"),
        ("zip", "neighbourhood"),
        ("parent_phone", "contact details"),
        ("email", "contact details"),
        ("student_id", "random pseudonymous key"),
        ("SSN", "random pseudonymous key"),
        ("state_id", "random pseudonymous key"),
    ],
)
def test_personal_column_names_are_refused(column, advice):
    with pytest.raises(PersonalDataError) as caught:
        check_column_names(["student_key", column])
    assert f"'{column}'" in str(caught.value)
    assert advice in str(caught.value)


@pytest.mark.parametrize("column", ["school_name", "neighbourhood", "student_key", "grade"])
def test_allowed_names_pass(column):
    check_column_names([column])


@pytest.mark.parametrize(
    ("values", "what"),
    [
        (["ana@example.org", "bo@example.org", "cy@example.org"], "e-mail"),
        (["555-123-4567", "(555) 987-6543", "555.222.1111"], "phone"),
        (["2012-04-01", "2011-11-30", "2013-01-15"], "dates"),
        (["3/14/2012", "12/1/2011", "1/30/2013"], "dates"),
        (["12 Oak Street", "4 Elm Ave", "77 Pine Rd"], "street addresses"),
        (["123-45-6789", "987-65-4321", "111-22-3333"], "social security"),
        (["Smith, Ana", "Jones, Bo", "Lee, Cy"], "names"),
    ],
)
def test_personal_values_are_refused(values, what):
    with pytest.raises(PersonalDataError) as caught:
        check_column_values("notes", values)
    assert "'notes'" in str(caught.value)
    assert what in str(caught.value)


def test_numeric_student_keys_look_like_raw_ids():
    with pytest.raises(PersonalDataError, match="random pseudonymous key"):
        check_column_values("student_key", ["1002345", "1002346", "1002347"])


def test_extra_column_with_emails_is_refused_in_a_file():
    students = random_students(4, n=50)
    students["contact"] = [f"kid{i}@example.org" for i in range(len(students))]
    with pytest.raises(PersonalDataError, match="'contact'"):
        anonymize_students(students)


def test_harmless_extra_columns_are_ignored():
    students = random_students(4, n=50)
    students["homeroom"] = "A"
    outcomes = anonymize_students(students)["outcomes"]
    assert isinstance(outcomes, pd.DataFrame)
