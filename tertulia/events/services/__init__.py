"""Every change of state in the events app, one module per noun."""
