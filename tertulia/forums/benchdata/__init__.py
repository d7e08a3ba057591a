"""A large, repeatable forum community for load tests (`tertulia bench-data`).

`plan` decides the community in Python (thread sizes, when each post was written),
`generator` writes it with bulk inserts in batches, handing out primary keys itself so
positions, counters and last posts are computed without asking the database per row,
and `text` holds the English, Spanish and French words it is made of. The same seed
gives the same community.
"""

from tertulia.forums.benchdata.generator import (
    BENCH_PASSWORD,
    BIG_THREAD_TITLE,
    FACILITATOR_LOGIN,
    GENERAL_SLUG,
    MEMBER_LOGIN,
    bench_data_exists,
    describe_bench_data,
    generate_bench_data,
)
from tertulia.forums.benchdata.plan import BenchSize, Progress

__all__ = [
    "BENCH_PASSWORD",
    "BIG_THREAD_TITLE",
    "FACILITATOR_LOGIN",
    "GENERAL_SLUG",
    "MEMBER_LOGIN",
    "BenchSize",
    "Progress",
    "bench_data_exists",
    "describe_bench_data",
    "generate_bench_data",
]
