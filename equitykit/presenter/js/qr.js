// A QR code for the participants' link, made in the browser from the vendored `uqr` package
// (npm, MIT), so nothing is fetched and the code always matches the room's address.

import { encode } from "uqr";

/** The QR code's modules for `text`: {size, data: rows of booleans (true = dark)}. */
export function qrMatrix(text, { ecc = "M", border = 4 } = {}) {
  const { size, data } = encode(String(text), { ecc, border });
  return { size, data };
}

/** An SVG path ("M x y h 1 v 1 h -1 z ...") drawing the dark modules of a matrix. */
export function qrPath(matrix) {
  const parts = [];
  matrix.data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      let run = 1;
      while (x + run < row.length && row[x + run]) run += 1;
      parts.push(`M${x} ${y}h${run}v1h-${run}z`);
      x += run;
    }
  });
  return parts.join("");
}

const SVG = "http://www.w3.org/2000/svg";

/** An <svg> element of the QR code for `text`, labelled for screen readers. */
export function qrSvg(doc, text, label) {
  const matrix = qrMatrix(text);
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${matrix.size} ${matrix.size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.setAttribute("class", "ek-qr");
  const background = doc.createElementNS(SVG, "rect");
  background.setAttribute("width", String(matrix.size));
  background.setAttribute("height", String(matrix.size));
  background.setAttribute("fill", "#fff");
  const path = doc.createElementNS(SVG, "path");
  path.setAttribute("d", qrPath(matrix));
  path.setAttribute("fill", "#000");
  svg.append(background, path);
  return svg;
}
