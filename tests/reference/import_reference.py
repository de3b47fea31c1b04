#!/usr/bin/python3
"""Reference answers of pandas for Plumbline's import: duplicate header names and timestamp formats.

Run:  /usr/bin/python3 tests/reference/import_reference.py
Writes tests/reference/import_reference.json next to this file (committed together).

- headers: the column names pandas.read_csv gives a header with repeated names (the C parser's
  scheme: x, x.1, x.2, skipping suffixes the header already has), including the real COMPAS header.
- timestamps: values parsed by pandas.to_datetime(value, format=fmt) (UTC epoch milliseconds), or
  null when pandas refuses the value.
"""
import io
import json
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))

COMPAS = (
    "id,name,first,last,compas_screening_date,sex,dob,age,age_cat,race,juv_fel_count,decile_score,juv_misd_count,"
    "juv_other_count,priors_count,days_b_screening_arrest,c_jail_in,c_jail_out,c_case_number,c_offense_date,"
    "c_arrest_date,c_days_from_compas,c_charge_degree,c_charge_desc,is_recid,r_case_number,r_charge_degree,"
    "r_days_from_arrest,r_offense_date,r_charge_desc,r_jail_in,r_jail_out,violent_recid,is_violent_recid,"
    "vr_case_number,vr_charge_degree,vr_offense_date,vr_charge_desc,type_of_assessment,decile_score,score_text,"
    "screening_date,v_type_of_assessment,v_decile_score,v_score_text,v_screening_date,in_custody,out_custody,"
    "priors_count,start,end,event,two_year_recid"
)

HEADERS = [
    "a,b,c",
    "a,a",
    "a,a,a",
    "a,a,a.1",
    "a,a.1,a",
    "a,a,a.1,a.2,a",
    "x.1,x,x,x.1",
    "a.1,a,a",
    COMPAS,
]

TIMESTAMPS = [
    ("%Y%m%d", ["20110101", "20121231", "20120229", "20110229", "2011011", "201101011", "20111301"]),
    ("%d/%m/%Y", ["01/02/2011", "31/12/2012", "1/2/2011", "31/02/2011", "2011-01-02"]),
    ("%m/%d/%Y %H:%M", ["02/01/2011 13:45", "12/31/2012 00:00", "13/01/2011 10:00"]),
    ("%Y-%m-%d %H:%M:%S", ["2011-01-01 00:00:00", "2012-06-30 23:59:59", "2011-01-01T00:00:00"]),
    ("%d.%m.%y", ["01.02.11", "31.12.68", "01.01.69"]),
    ("%Y-%m-%dT%H:%M:%S.%f%z", ["2011-01-01T10:00:00.250+0200", "2011-01-01T10:00:00.5-01:30"]),
]


def to_ms(value, fmt):
    try:
        t = pd.to_datetime(value, format=fmt, exact=True)
    except (ValueError, OverflowError):
        return None
    if t.tzinfo is None:
        t = t.tz_localize("UTC")
    return int(t.value // 1_000_000)


def main():
    headers = [{"header": h, "columns": list(pd.read_csv(io.StringIO(h + "\n")).columns)} for h in HEADERS]
    timestamps = [{"format": f, "values": [{"value": v, "ms": to_ms(v, f)} for v in vs]} for f, vs in TIMESTAMPS]
    out = {"pandas": pd.__version__, "headers": headers, "timestamps": timestamps}
    with open(os.path.join(HERE, "import_reference.json"), "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
