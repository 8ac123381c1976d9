/**
 * The words of the health history's controls that answer "none", shared by the controls and their test: the
 * questionnaire's hints quote them, so a patient reads in the hint the words the button or box shows.
 */
export const NONE_LABELS = {
  conditions: 'Answer “No” to all the others',
  medications: 'I take none of these',
  allergies: 'No allergies or sensitivities',
} as const;
