// A stored attribute as text: strings, numbers and booleans as written, anything else (a list, an
// object, nothing) as the empty string, never "[object Object]".
export function asText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return '';
  }
}
