/** "$1,234.50": an amount in cents as screens, e-mails and documents print it (US dollars). */
export const formatCents = (cents: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
