/**
 * Text from the repository (an id, a title, a field name, a holiday's name) made safe to print to a terminal.
 *
 * A terminal obeys the control characters it receives: ESC starts a sequence that can recolour, move the cursor,
 * clear the screen, set the window title or write to the clipboard (OSC 52); CR returns to the start of the line so
 * that what follows overwrites what came before; BEL rings. Bidirectional overrides and isolates reorder what is
 * shown, so that a line reads differently from what it holds ("Trojan Source", CVE-2021-42574). None of these
 * belongs in an id or a title, and printed raw they let a ticket's reporter write over a report.
 *
 * So every human-readable formatter passes data through `safeText`, which replaces each such character with a
 * visible escape in the notation of JavaScript and C: `\n`, `\r` and `\t` for the common three, `\xHH` for the other
 * C0 controls, DEL and the C1 controls (U+0080–U+009F), `\uHHHH` for the bidirectional controls. Everything else,
 * backslashes included, is left as it is: a Windows path stays readable, at the price that a title holding the
 * four characters `\x1b` prints the same as one holding ESC (the JSON and CSV outputs tell them apart).
 */

/** C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const UNSAFE_RE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every control and bidirectional-control character written as a visible escape. */
export function safeText(text: string): string {
  UNSAFE_RE.lastIndex = 0;
  return UNSAFE_RE.test(text) ? text.replace(UNSAFE_RE, escape) : text;
}

/** Text of several lines (a message that is meant to span lines): each line made safe, its line breaks (LF, CRLF) kept. */
export function safeLines(text: string): string {
  return text
    .split(/(\r?\n)/)
    .map((part, i) => (i % 2 === 1 ? part : safeText(part)))
    .join('');
}
