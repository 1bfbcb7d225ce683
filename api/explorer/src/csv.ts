// CSV as RFC 4180 writes it: fields quoted when they hold a comma, a quote or a line break.

function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of `rows` under `header`, lines ended by CRLF. */
export function csv(header: string[], rows: (string | number)[][]): string {
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}
