export function findChromium(): string | undefined;
export const chromiumArgs: string[];
export function requireChromium(): string;
