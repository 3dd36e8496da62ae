/** The optional host access that lets highlights be repainted on every visit, without a click. */
export const AUTO_REPAINT_ORIGINS = ['http://*/*', 'https://*/*'];
