// The SearchEngine module; see README.md for its role in the architecture.
