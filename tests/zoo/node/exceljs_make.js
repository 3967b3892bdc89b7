// The zoo's network written by ExcelJS: node exceljs_make.js data.json out.xlsx
// Foreign content: the user's Budget sheet with a formula, a note (comment), a defined name, an image.
const fs = require("fs");
const ExcelJS = require("exceljs");

async function main() {
  const [dataPath, out] = process.argv.slice(2);
  const d = JSON.parse(fs.readFileSync(dataPath, "utf8"));
  const asValue = (v) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(v + "T00:00:00Z") : v);
  const wb = new ExcelJS.Workbook();
  wb.creator = "zoo";
  const contacts = wb.addWorksheet("Contacts");
  contacts.addRow(d.contact_headers);
  for (const row of d.contacts) contacts.addRow(row.map(asValue));
  contacts.getColumn(6).numFmt = "yyyy-mm-dd";
  contacts.getCell(d.comment[0]).note = d.comment[1];
  const interactions = wb.addWorksheet("Interactions");
  interactions.addRow(d.interaction_headers);
  for (const row of d.interactions) interactions.addRow(row.map(asValue));
  interactions.getColumn(1).numFmt = "yyyy-mm-dd";
  const user = wb.addWorksheet(d.user_sheet);
  for (const row of d.user_rows) user.addRow(row);
  user.getCell(d.formula[0]).value = { formula: d.formula[1], result: d.formula[2] };
  wb.definedNames.add(d.defined_name[1], d.defined_name[0]);
  const image = wb.addImage({ base64: d.png_base64, extension: "png" });
  user.addImage(image, "D2:E5");
  await wb.xlsx.writeFile(out);
}

main().catch((err) => { console.error(err); process.exit(1); });
