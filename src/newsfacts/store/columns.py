"""The column sets `newsfacts export` writes: each column's name and type, in the order the dataset uses.

These lists are the contract a coder loads against: the export writes exactly these columns in this order,
Parquet files carry the matching Arrow schema (so two exports always concatenate), and the tests read every
export back with pandas and compare it with these lists.

- `ACLED_COLUMNS`: the 31 columns of ACLED's public data since its March 2023 change (event_id_cnty …
  timestamp), as ACLED's codebook lists them (acledR's `acled_codebook`; ACLED's "guide to 2023 column
  changes"). `inter1`, `inter2` and `interaction` are the codebook's numeric codes.
- `UCDP_COLUMNS`: the 49 fields of UCDP GED's public API (`GedDb`, id … gwnob), with the API's types.

Types: "int" (nullable 64-bit integer), "float", "str", "date" (a calendar day), "bool".
"""

from __future__ import annotations

from typing import Literal, NamedTuple

ColumnType = Literal["int", "float", "str", "date", "bool"]


class Column(NamedTuple):
    name: str
    type: ColumnType


def _columns(spec: str) -> tuple[Column, ...]:
    """'name:type name:type …' → Columns; a compact way to keep long lists readable and diffable."""
    return tuple(Column(name, kind) for name, kind in (item.split(":") for item in spec.split()))  # type: ignore[arg-type, misc]


ACLED_COLUMNS = _columns("""
    event_id_cnty:str event_date:date year:int time_precision:int disorder_type:str event_type:str
    sub_event_type:str actor1:str assoc_actor_1:str inter1:int actor2:str assoc_actor_2:str inter2:int
    interaction:int civilian_targeting:str iso:int region:str country:str admin1:str admin2:str admin3:str
    location:str latitude:float longitude:float geo_precision:int source:str source_scale:str notes:str
    fatalities:int tags:str timestamp:int
""")

UCDP_COLUMNS = _columns("""
    id:int relid:str year:int active_year:bool code_status:str type_of_violence:int conflict_dset_id:str
    conflict_new_id:int conflict_name:str dyad_dset_id:str dyad_new_id:int dyad_name:str side_a_dset_id:str
    side_a_new_id:int side_a:str side_b_dset_id:str side_b_new_id:int side_b:str number_of_sources:int
    source_article:str source_office:str source_date:str source_headline:str source_original:str
    where_prec:int where_coordinates:str where_description:str adm_1:str adm_2:str latitude:float
    longitude:float geom_wkt:str priogrid_gid:int country:str country_id:int region:str event_clarity:int
    date_prec:int date_start:date date_end:date deaths_a:int deaths_b:int deaths_civilians:int
    deaths_unknown:int best:int high:int low:int gwnoa:str gwnob:str
""")

NATIVE_COLUMNS = _columns("""
    id:int type:str status:str date:str place:str latitude:float longitude:float
    killed_low:int killed_best:int killed_high:int injured_low:int injured_best:int injured_high:int
    arrested_low:int arrested_best:int arrested_high:int sources:int outlets:str disagreement:bool urls:str
    reviewed:bool killed_reviewed:bool injured_reviewed:bool arrested_reviewed:bool
""")

COLUMN_SETS: dict[str, tuple[Column, ...]] = {"native": NATIVE_COLUMNS, "acled": ACLED_COLUMNS, "ucdp": UCDP_COLUMNS}

# pandas dtypes a reader passes to `read_csv(dtype=…)`: nullable ints and booleans keep empty cells empty.
PANDAS_DTYPES: dict[ColumnType, str] = {"int": "Int64", "float": "float64", "str": "string", "bool": "boolean",
                                        "date": "string"}


def names(columns: str) -> tuple[str, ...]:
    return tuple(c.name for c in COLUMN_SETS[columns])


def arrow_schema(columns: str):
    """The one Arrow schema of a column set: every field nullable, ints int64, dates date32, coordinates float64."""
    import pyarrow as pa

    types = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "date": pa.date32(), "bool": pa.bool_()}
    return pa.schema([pa.field(c.name, types[c.type], nullable=True) for c in COLUMN_SETS[columns]])


def pandas_dtypes(columns: str) -> dict[str, str]:
    """`read_csv` dtypes for a column set (dates are read as text; pass `parse_dates=date_columns(columns)`)."""
    return {c.name: PANDAS_DTYPES[c.type] for c in COLUMN_SETS[columns]}


def date_columns(columns: str) -> list[str]:
    return [c.name for c in COLUMN_SETS[columns] if c.type == "date"]
