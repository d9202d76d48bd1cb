// Runs inside the example's images (as `node -e`, from /usr/src/app) and prints, as one JSON line,
// what the container tests check: which Prisma packages are installed, which project files are
// present, the migrations with their hashes, and the user the image runs as.
const fs = require('fs');
const crypto = require('crypto');

function version(pkg) {
  try {
    return require(`/usr/src/app/node_modules/${pkg}/package.json`).version;
  } catch {
    return null;
  }
}

function migrations(dir) {
  if (!fs.existsSync(dir)) return {};
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}/${entry.name}/migration.sql`)
    .sort();
  const hash = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  return Object.fromEntries(files.map((file) => [file, hash(file)]));
}

console.log(
  JSON.stringify({
    prismaCli: version('prisma'),
    prismaClient: version('@prisma/client'),
    config: fs.existsSync('prisma.config.ts'),
    schema: fs.existsSync('prisma/schema.prisma'),
    main: fs.existsSync('dist/main.js'),
    migrations: migrations('prisma/migrations'),
    uid: process.getuid(),
  }),
);
