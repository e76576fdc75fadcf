// The FPGAModel module; see README.md for its role in the architecture.
