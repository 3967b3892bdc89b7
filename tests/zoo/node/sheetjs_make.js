// The zoo's network written by SheetJS: node sheetjs_make.js data.json out.xlsx
// Foreign content: the user's Budget sheet with a formula, a comment, a defined name.
const fs = require("fs");
const XLSX = require("xlsx");

const [dataPath, out] = process.argv.slice(2);
const d = JSON.parse(fs.readFileSync(dataPath, "utf8"));
const asValue = (v) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(v + "T00:00:00Z") : v);
const wb = XLSX.utils.book_new();
const contacts = XLSX.utils.aoa_to_sheet([d.contact_headers, ...d.contacts.map((r) => r.map(asValue))],
                                         { dateNF: "yyyy-mm-dd" });
contacts[d.comment[0]].c = [{ a: "zoo", t: d.comment[1] }];
XLSX.utils.book_append_sheet(wb, contacts, "Contacts");
const interactions = XLSX.utils.aoa_to_sheet([d.interaction_headers, ...d.interactions.map((r) => r.map(asValue))],
                                             { dateNF: "yyyy-mm-dd" });
XLSX.utils.book_append_sheet(wb, interactions, "Interactions");
const user = XLSX.utils.aoa_to_sheet(d.user_rows);
user[d.formula[0]] = { t: "n", v: d.formula[2], f: d.formula[1] };
XLSX.utils.book_append_sheet(wb, user, d.user_sheet);
wb.Workbook = { Names: [{ Name: d.defined_name[0], Ref: d.defined_name[1] }] };
XLSX.writeFile(wb, out, { bookType: "xlsx", compression: true });
