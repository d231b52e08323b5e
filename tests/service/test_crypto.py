from service.crypto import nik_hash


def test_nik_hash_is_keyed_and_ignores_formatting() -> None:
    a = nik_hash("3204123108900002", "key-one")
    assert a == nik_hash("3204 1231 0890 0002", "key-one")
    assert a != nik_hash("3204123108900002", "key-two")
    assert a != nik_hash("3204123108900003", "key-one")
    assert "3204123108900002" not in a and len(a) == 64
