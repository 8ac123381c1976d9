/**
 * How a score was reached, as the therapist reads it beside the score. Records scored before the reference keys
 * left this text still carry them ("… × 100 = 44.44 [R5][R6]", "[R19, S]"): they point into the project's
 * clinical reference, not to anything the reader has.
 */
export const readableMethod = (method: string) => method.replace(/ ?\[R\d+(?:, ?S)?\]/g, '');
