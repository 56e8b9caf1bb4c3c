/**
 * RFC 5545 §3.1: a content line is folded so that no line is longer than 75 octets, not counting the line break and
 * counting the space that starts a continuation line. ical.js folds after 75 characters and counts the next lines
 * without their space (76 octets), and counts characters, not octets; strict readers refuse such lines. So its text
 * is unfolded and folded again here, by octets, never inside a UTF-8 character.
 */
const MAX_OCTETS = 75;

export function foldIcsLines(text: string): string {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split('\r\n')
    .map((line) => foldLine(line))
    .join('\r\n');
}

function foldLine(line: string): string {
  if (line.length <= MAX_OCTETS / 4 || octetsOf(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; each continuation line a space and 74.
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function octetsOf(line: string): number {
  let octets = 0;
  for (const char of line) octets += utf8Length(char.codePointAt(0)!);
  return octets;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
