"""Reads for the forum pages, one function per page or list, each in a fixed number of queries.

`visibility` says which threads and posts a viewer may see; the other modules shape what
one page shows.
"""
