#!/usr/bin/env node
// The `escrowd` command. The project runs its TypeScript sources directly through tsx, so there
// is no build step between `npm install` and `npm start`.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
