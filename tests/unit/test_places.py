"""The city picker's data from GeoNames (issue 17/18). No database."""

from core.maps import point_in_country
from core.places import LAC_COUNTRIES, capital, cities, city_by_id, city_choices


def test_cities_of_a_small_island_state_are_sorted_and_in_the_country():
    saint_kitts = cities("KN")
    names = [c.name for c in saint_kitts]
    assert "Basseterre" in names and "Charlestown" in names
    assert names == sorted(names, key=str.casefold)
    assert all(point_in_country(c.lat, c.lon, "KN", tolerance=1) for c in saint_kitts)


def test_sorting_ignores_accents_and_the_code_case():
    names = [c.name for c in cities("co")]
    assert "Bogotá" in names
    assert names.index("Bogotá") < names.index("Bucaramanga")


def test_countries_outside_the_region_have_no_cities():
    assert cities("FR") == [] and cities("US") == [] and cities("XX") == []
    assert "FR" not in LAC_COUNTRIES and "BB" in LAC_COUNTRIES


def test_choices_name_a_city_that_can_be_looked_up():
    choices = city_choices("BB")
    assert choices
    value, label = next(c for c in choices if c[1] == "Bridgetown")
    city = city_by_id("BB", value)
    assert city.name == "Bridgetown"
    assert abs(city.lat - 13.1) < 0.1 and abs(city.lon + 59.6) < 0.1
    assert city_by_id("GD", value) is None
    assert city_by_id("BB", "not-a-number") is None


def test_two_cities_with_one_name_are_told_apart():
    labels = [label for _value, label in city_choices("MX")]
    assert len(labels) == len(set(labels))


def test_a_country_capital_is_its_point_on_the_map():
    # Two cities are called San José in Costa Rica: the capital is the larger.
    san_jose = capital("cr")
    assert san_jose.name == "San José" and round(san_jose.lat, 1) == 9.9
    assert capital("BR").name == "Brasília"  # "Brasilia" in the countries file
    for code in ("MX", "PE", "GD", "VC", "DO", "HT"):
        point = capital(code)
        assert point is not None, code
        assert point_in_country(point.lat, point.lon, code), code
    assert capital("ES") is None  # outside the map
