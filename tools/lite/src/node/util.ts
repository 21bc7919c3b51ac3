/** `util` in the kernel's worker: Node's inspect and format, from node-inspect-extracted. */
export { format, formatWithOptions, inspect } from "node-inspect-extracted";
import { format, formatWithOptions, inspect } from "node-inspect-extracted";

export default { format, formatWithOptions, inspect };
