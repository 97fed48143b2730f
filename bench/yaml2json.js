// Converts every *.yaml file of a repository to JSON for ajv-cli, outside the timed run
// (bench/run): YAML 1.2 core schema, as quali reads it (dates stay strings, quoted scalars are
// strings). Usage: node yaml2json.js REPOSITORY OUT_FOLDER
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error("usage: node yaml2json.js REPOSITORY OUT_FOLDER");
  process.exit(2);
}
let count = 0;
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "preuves") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile() && entry.name.endsWith(".yaml")) {
      const rel = path.relative(src, full);
      const target = path.join(out, rel.replace(/\.yaml$/, ".json"));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const data = yaml.load(fs.readFileSync(full, "utf8"), { schema: yaml.CORE_SCHEMA });
      fs.writeFileSync(target, JSON.stringify(data));
      count++;
    }
  }
}
walk(src);
console.log(`${count} fichiers convertis`);
