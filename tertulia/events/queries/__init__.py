"""Every read an event page shows, one module per page or list, each in a constant
number of queries."""
