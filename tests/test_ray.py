"""The Ray runner writes what a local run writes (a real local Ray, real Frog per worker)."""
from __future__ import annotations

import pytest

from conftest import SAMPLE, SHARED_EVAL
from kroniek.export import export
from kroniek.pipeline import Pipeline
from kroniek.store import Store

pytestmark = pytest.mark.ray

PATHS = [str(SAMPLE), str(SHARED_EVAL / "dev" / "docs")]


@pytest.fixture(scope="module")
def ray_local():
    """One local Ray for the module: 2 CPUs, no dashboard."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             configure_logging=False, object_store_memory=256 * 2**20)
    yield ray
    ray.shutdown()


def _plover(store: Store, path) -> list[str]:
    export(store, "plover", str(path))
    return sorted(path.read_text(encoding="utf-8").splitlines())


def test_ray_run_writes_the_local_run_and_skips_it_the_second_time(ray_local, frog, tmp_path):
    from kroniek.distributed import run_ray
    bad = tmp_path / "bad.txt"
    bad.write_text("no date header here, so not an article\n", encoding="utf-8")
    paths = PATHS + [str(bad)]

    local = Store(tmp_path / "local.duckdb")
    with Pipeline(local, frog=frog) as p:
        ls = p.run(paths)
    remote = Store(tmp_path / "ray.duckdb")
    problems = []
    # small reads, tasks and writes, so that each crosses the others' boundaries
    rs = run_ray(paths, remote, workers=2, on_problem=problems.append, read_docs=7,
                 task_docs=3, write_docs=4)

    assert (rs.read, rs.stored, rs.events) == (ls.read, ls.stored, ls.events)
    assert rs.read == 18 and rs.events > 100 and not rs.quarantined
    assert [p.source for p in problems] == [str(bad)] and len(rs.problems) == 1
    assert _plover(remote, tmp_path / "ray.jsonl") == _plover(local, tmp_path / "local.jsonl")
    with local.connect() as a, remote.connect() as b:
        q = "SELECT * EXCLUDE (added_at) FROM documents ORDER BY id"
        assert a.execute(q).fetchall() == b.execute(q).fetchall()
        q = "SELECT * FROM mentions ORDER BY ALL"
        assert a.execute(q).fetchall() == b.execute(q).fetchall()

    again = run_ray(paths, remote, workers=2)
    assert (again.read, again.unchanged, again.stored) == (18, 18, 0)
    assert again.startup_seconds == 0.0  # nothing new: no worker, no Frog started
