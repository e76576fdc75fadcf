// libFuzzer's entry for programs with their own main (LLVM 11 and later): SwiftPM gives every
// executable target a Swift main, so the targets call this instead of defining only
// LLVMFuzzerTestOneInput and taking libFuzzer's main.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
