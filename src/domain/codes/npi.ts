/**
 * National Provider Identifier (NPI) check digit.
 *
 * An NPI is 10 digits: 9 identifier digits and a Luhn (ISO/IEC 7812) check digit. The Luhn sum is taken
 * over the NPI prefixed with "80840" (the card-issuer prefix for US health applications); equivalently,
 * add the constant 24 to the Luhn sum of the 9 digits. Only the shape and check digit are verified here,
 * not that NPPES has issued the number. (NPIs issued so far start with 1 or 2; this is not enforced.)
 */

const NPI_SHAPE = /^[0-9]{10}$/;
const PREFIX = '80840';

/** Luhn sum of `digits` where the rightmost digit is the check position (not doubled). */
function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** Check digit for a 9-digit NPI base: `npiCheckDigit('123456789')` → 3. */
export function npiCheckDigit(base9: string): number {
  if (!/^[0-9]{9}$/.test(base9)) throw new RangeError('An NPI base is exactly 9 digits');
  const sum = luhnSum(`${PREFIX}${base9}0`);
  return (10 - (sum % 10)) % 10;
}

/** True when `npi` is exactly 10 digits (no spaces or dashes) with a valid check digit. */
export function isValidNpi(npi: string): boolean {
  if (!NPI_SHAPE.test(npi)) return false;
  return luhnSum(`${PREFIX}${npi}`) % 10 === 0;
}
