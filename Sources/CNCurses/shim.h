#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

/* Must precede <curses.h>: selects cchar_t, wget_wch, setcchar, mvwadd_wch. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <wchar.h>

/* Globals and macros Swift 6 cannot use directly. */
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_colors(void) { return COLORS; }
/* Whether the current terminal can move the cursor anywhere (terminfo `cup`): TERM=dumb cannot. */
static inline int cnc_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
static inline int cnc_key_f(int n) { return KEY_F(n); }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_italic(void) { return A_ITALIC; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline mmask_t cnc_mouse_events(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON2_PRESSED | BUTTON2_RELEASED | BUTTON3_PRESSED | BUTTON3_RELEASED
        | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline mmask_t cnc_button_pressed(int button) {
    switch (button) { case 1: return BUTTON1_PRESSED; case 2: return BUTTON2_PRESSED; case 3: return BUTTON3_PRESSED;
                      case 4: return BUTTON4_PRESSED; case 5: return BUTTON5_PRESSED; default: return 0; }
}
static inline mmask_t cnc_button_released(int button) {
    switch (button) { case 1: return BUTTON1_RELEASED; case 2: return BUTTON2_RELEASED; case 3: return BUTTON3_RELEASED; default: return 0; }
}
static inline const char *cnc_codeset(void) { return nl_langinfo(CODESET); }

/* One cell: cchar_t holds wchar_t[5], which is awkward in Swift, so it is built here.
   `text` is NUL-terminated: one spacing character and up to four zero-width ones. */
static inline int cnc_put_cell(WINDOW *window, int y, int x, const wchar_t *text, attr_t attributes, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, (short)pair, NULL) == ERR) return ERR;
    return mvwadd_wch(window, y, x, &cell);
}

/* What ncurses holds in a cell (for tests). */
static inline int cnc_get_cell(WINDOW *window, int y, int x, wchar_t *text, attr_t *attributes, short *pair) {
    cchar_t cell;
    if (mvwin_wch(window, y, x, &cell) == ERR) return ERR;
    return getcchar(&cell, text, attributes, pair, NULL);
}

#endif
