"""Each role's home: what needs the person now and how their programmes are doing, one module per role,
built from selectors with a fixed number of queries."""
