#ifndef FNAS_CNCURSESW_SHIM_H
#define FNAS_CNCURSESW_SHIM_H
// The package does not use pkg-config for ncursesw (SwiftPM refuses its -D_XOPEN_SOURCE=600 as a
// prohibited flag and warns); module.modulemap links ncursesw (on Debian a linker script that
// pulls in tinfo), and the wide-character API is asked for here, or cchar_t, setcchar,
// mvadd_wch and get_wch do not exist. <ncursesw/curses.h> is Debian's libncurses-dev layout.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// Swift 6 rejects the curses globals as shared mutable state and cannot import
// function-like macros; these inline wrappers make both usable.
static inline WINDOW *fnas_stdscr(void) { return stdscr; }
static inline int fnas_lines(void) { return LINES; }
static inline int fnas_cols(void) { return COLS; }
static inline int fnas_colors(void) { return COLORS; }
static inline int fnas_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t fnas_a_bold(void) { return A_BOLD; }
static inline attr_t fnas_a_reverse(void) { return A_REVERSE; }
static inline attr_t fnas_a_underline(void) { return A_UNDERLINE; }
static inline attr_t fnas_a_dim(void) { return A_DIM; }
static inline attr_t fnas_a_normal(void) { return A_NORMAL; }
static inline int fnas_key_f(int n) { return KEY_F(n); }
static inline FILE *fnas_stdout(void) { return stdout; }
static inline FILE *fnas_stdin(void) { return stdin; }

// Mouse: button 1 presses and the wheel (buttons 4 and 5 in ncurses' mouse version 2).
static inline mmask_t fnas_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline mmask_t fnas_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t fnas_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t fnas_wheel_down(void) { return BUTTON5_PRESSED; }

// The codeset of the current LC_CTYPE locale, e.g. "UTF-8" or "ANSI_X3.4-1968".
static inline const char *fnas_codeset(void) { return nl_langinfo(CODESET); }

// Restores the terminal at process exit if the explorer did not (idempotent).
static inline void fnas_endwin_if_active(void) { if (!isendwin()) endwin(); }
static inline void fnas_register_atexit_restore(void) { atexit(fnas_endwin_if_active); }
#endif
