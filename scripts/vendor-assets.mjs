// Copies the few files Groeipad serves from each npm package (node_modules/, installed by `npm ci`) into
// static/vendor/<name>/, with the package's licence. `make assets` runs it; the result is committed, so a
// clone serves the portal without Node, and running it again reproduces the committed files byte for byte.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// The Bootstrap Icons that templates name with {% icon %} (core/templatetags/icons.py): only these are copied,
// not the 2,000 of the package. Add a name here, run `make assets` and commit what it copies.
const ICONS = [
  "arrow-left-right", "arrow-right-circle", "box-arrow-right", "briefcase", "calendar-plus", "chat-left-text",
  "check-circle", "check2-square", "clipboard-check", "diagram-3", "envelope", "envelope-exclamation", "gear",
  "hourglass-split", "journal-plus", "journal-x", "people", "person-badge", "person-circle", "person-plus", "send",
  "shop", "x-circle",
];

// target directory under static/vendor: the package and the files taken from it
const VENDORED = {
  "nl-design-system": {
    package: "@nl-design-system-unstable/voorbeeld-design-tokens",
    files: { "dist/variables.css": "voorbeeld-design-tokens.css", "LICENSE.md": "LICENSE.md" },
  },
  "bootstrap-icons": {
    package: "bootstrap-icons",
    files: {
      ...Object.fromEntries(ICONS.map((icon) => [`icons/${icon}.svg`, `${icon}.svg`])),
      LICENSE: "LICENSE",
    },
  },
  chartjs: {
    package: "chart.js",
    files: { "dist/chart.umd.min.js": "chart.umd.min.js", "LICENSE.md": "LICENSE.md" },
  },
};

// The 1 MB source map is not shipped, so its reference goes too: production's manifest storage would
// otherwise refuse to collect a file that points at a missing map.
const SOURCE_MAP_COMMENT = /\n\/\/# sourceMappingURL=\S+\s*$/;

for (const [directory, { package: name, files }] of Object.entries(VENDORED)) {
  const source = join(root, "node_modules", name);
  const version = JSON.parse(readFileSync(join(source, "package.json"), "utf8")).version;
  const target = join(root, "static", "vendor", directory);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const [from, to] of Object.entries(files)) {
    if (to.endsWith(".js")) {
      writeFileSync(join(target, to), readFileSync(join(source, from), "utf8").replace(SOURCE_MAP_COMMENT, "\n"));
    } else {
      copyFileSync(join(source, from), join(target, to));
    }
  }
  writeFileSync(join(target, "VERSION"), `${name} ${version}\n`);
  console.log(`static/vendor/${directory}: ${name} ${version}`);
}
