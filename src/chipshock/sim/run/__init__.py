"""Running scenarios: the public entry points (`api`: run, compare, sweep), the executors
(local or Dask), result objects and their measures (`results`, `economics`) and, at the edge,
saving results into the store (`store`)."""
