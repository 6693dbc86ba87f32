/**
 * Runs the CLI from source: `node --import tsx src/cli/run-cli.ts …` (tests and
 * development; the installed `ordo` bin runs the compiled `dist/cli/main.js`).
 *
 * @module
 */
import { main } from "./main.js";

await main(process.argv);
