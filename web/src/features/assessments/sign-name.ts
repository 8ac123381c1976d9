/**
 * What is wrong with a typed-name signature before it is sent: only that it is empty (the server decides whether
 * it is the signer's name). An empty name gets its message at the field, never a form that silently does nothing.
 */
export function signNameProblem(typedName: string): string | null {
  return typedName.trim() ? null : 'Type your full name to sign';
}
