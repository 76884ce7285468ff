from tyre_catalog.lib.fitment_csv import read_fitment_csv

HEADER = "make,model,modification,year_from,year_to,size\n"


def test_reads_rows_with_several_sizes():
    rows, errors = read_fitment_csv(HEADER + "Lada,Vesta,1.6 MT,2015,,185/65 R15 88H; 205/50 R17\n")
    assert errors == []
    assert rows == [
        {
            "make": "Lada",
            "model": "Vesta",
            "modification": "1.6 MT",
            "year_from": 2015,
            "year_to": None,
            "sizes": [(185, 65, 15.0), (205, 50, 17.0)],
            "original": True,
        }
    ]


def test_semicolon_file_in_cp1251():
    data = "make;model;modification;year_from;year_to;size\nЛада;Веста;1.6;2015;2020;185/65 R15\n"
    rows, errors = read_fitment_csv(data.encode("cp1251"))
    assert errors == []
    assert rows[0]["make"] == "Лада"
    assert rows[0]["year_to"] == 2020


def test_errors_carry_line_numbers():
    rows, errors = read_fitment_csv(
        HEADER
        + "Lada,Vesta,1.6,2015,,185/65 R15\n"
        + "Lada,Vesta,1.8,20x5,,185/65 R15\n"
        + "Kia,Rio,1.4,2017,2011,185/65 R15\n"
        + "Kia,Rio,1.6,2017,,2050/65 R15\n"
        + ",Rio,1.6,2017,,185/65 R15\n"
    )
    assert len(rows) == 1
    assert [number for number, _ in errors] == [3, 4, 5, 6]
    assert "20x5" in str(errors[0][1])
    assert "before" in str(errors[1][1])
    assert "width" in str(errors[2][1])
    assert "make is missing" in str(errors[3][1])


def test_missing_columns_and_bad_encoding():
    rows, errors = read_fitment_csv("make,model\nLada,Vesta\n")
    assert rows == []
    assert [(number, str(error)) for number, error in errors] == [
        (1, "missing column(s): modification, year_from, size")
    ]
    rows, errors = read_fitment_csv(b"\x98\x98")
    assert rows == [] and errors[0][0] == 0
