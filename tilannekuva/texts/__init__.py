"""Every Finnish UI string, one module per page plus `common`, so Swedish and English can follow
by adding sibling packages with the same names."""
