"""A small, safe reader of PHP-serialized arrays (Polylang's translation groups).

It reads only what ``serialize()`` writes for scalars and arrays: ``N;``, ``b:``,
``i:``, ``d:``, ``s:`` and ``a:``. Objects (``O:``, ``C:``), references (``r:``,
``R:``) and anything else are refused: nothing is ever instantiated.
"""


class PHPSerialError(ValueError):
    pass


MAX_DEPTH = 8


def loads(text: str):
    """The value serialized in ``text`` (dicts for arrays), or PHPSerialError."""
    data = text.encode("utf-8")
    value, end = _read(data, 0, 0)
    if end != len(data):
        raise PHPSerialError(f"trailing data at byte {end}")
    return value


def _until(data, pos, stop):
    end = data.find(stop, pos)
    if end < 0:
        raise PHPSerialError(f"expected {stop!r} after byte {pos}")
    return data[pos:end].decode("ascii"), end + 1


def _int(text, pos):
    if not text.lstrip("-").isdigit():
        raise PHPSerialError(f"bad integer at byte {pos}")
    return int(text)


def _read(data, pos, depth):
    if depth > MAX_DEPTH:
        raise PHPSerialError("nested too deep")
    kind = data[pos : pos + 2]
    if data[pos : pos + 2] == b"N;":
        return None, pos + 2
    if kind == b"b:":
        text, pos = _until(data, pos + 2, b";")
        if text not in ("0", "1"):
            raise PHPSerialError(f"bad boolean at byte {pos}")
        return text == "1", pos
    if kind == b"i:":
        text, end = _until(data, pos + 2, b";")
        return _int(text, pos), end
    if kind == b"d:":
        text, end = _until(data, pos + 2, b";")
        try:
            return float(text), end
        except ValueError as error:
            raise PHPSerialError(f"bad float at byte {pos}") from error
    if kind == b"s:":
        text, start = _until(data, pos + 2, b":")
        length = _int(text, pos)
        if data[start : start + 1] != b'"':
            raise PHPSerialError(f"expected a quote at byte {start}")
        start += 1
        end = start + length
        if data[end : end + 2] != b'";':
            raise PHPSerialError(f"string length wrong at byte {pos}")
        return data[start:end].decode("utf-8", "replace"), end + 2
    if kind == b"a:":
        text, start = _until(data, pos + 2, b":")
        count = _int(text, pos)
        if data[start : start + 1] != b"{":
            raise PHPSerialError(f"expected a brace at byte {start}")
        pos = start + 1
        result = {}
        for _ in range(count):
            key, pos = _read(data, pos, depth + 1)
            if not isinstance(key, (int, str)):
                raise PHPSerialError(f"bad array key at byte {pos}")
            result[key], pos = _read(data, pos, depth + 1)
        if data[pos : pos + 1] != b"}":
            raise PHPSerialError(f"expected a closing brace at byte {pos}")
        return result, pos + 1
    raise PHPSerialError(f"unsupported type {kind!r} at byte {pos}")
