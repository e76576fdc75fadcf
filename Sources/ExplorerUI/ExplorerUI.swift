// The ExplorerUI module; see README.md for its role in the architecture.
