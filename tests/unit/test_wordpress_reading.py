"""The WordPress import's pure parts: the PHP-serialized reader, the notice and
shortcode clean-up, uploads addresses (no database)."""

import pytest

from wpimport.clean import Converter, shortcodes_to_html, strip_notices, uploads_key
from wpimport.phpserial import PHPSerialError, loads


def test_polylang_groups_are_read_as_plain_dicts():
    assert loads('a:3:{s:2:"es";i:101;s:2:"en";i:102;s:5:"pt-br";i:103;}') == {
        "es": 101,
        "en": 102,
        "pt-br": 103,
    }
    assert loads('a:1:{i:0;s:5:"café";}') == {0: "café"}  # bytes, not characters
    assert loads('a:2:{s:1:"a";b:1;s:1:"b";N;}') == {"a": True, "b": None}


@pytest.mark.parametrize(
    "text",
    [
        'O:8:"stdClass":1:{s:1:"a";i:1;}',  # an object: never built
        'C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}',
        'a:1:{s:1:"a";r:1;}',  # a reference
        'a:2:{s:2:"es";i:1;}',  # says two, has one
        's:10:"short";',
        'a:1:{s:2:"es";i:1;}trailing',
        "a:1:{i:0;" * 20 + "i:1;" + "}" * 20,  # too deep
    ],
)
def test_anything_but_scalars_and_arrays_is_refused(text):
    with pytest.raises(PHPSerialError):
        loads(text)


def test_php_notices_are_stripped_and_counted():
    text = (
        "Antes<br />\n<b>Notice</b>:  Undefined offset: 14689 in "
        "<b>/home4/clac/jetpack-carousel.php</b> on line <b>381</b><br />\n"
        "PHP Deprecated: Function create_function() is deprecated in "
        "/home4/clac/x.php on line 12 después"
    )
    cleaned, count = strip_notices(text)
    assert count == 2
    assert "Notice" not in cleaned and "Deprecated" not in cleaned
    assert cleaned.startswith("Antes") and cleaned.endswith("después")


def test_unknown_shortcodes_are_removed_and_named_their_content_kept():
    unknown = []
    html = shortcodes_to_html('[su_box title="x"]Texto[/su_box] [[caption]]', unknown)
    assert html == "Texto [caption]"
    assert unknown == ["su_box"]


@pytest.mark.parametrize(
    "url",
    [
        "https://clac-comerciojusto.org/wp-content/uploads/2024/05/foto.png",
        "https://i0.wp.com/clac-comerciojusto.org/wp-content/uploads/2024/05/foto.png?w=300",
        "/wp-content/uploads/2024/05/foto-300x200.png",
        "https://i2.wp.com/clac-comerciojusto.org/wp-content/uploads/2024/05/foto-1024x683.png?resize=1024%2C683&ssl=1",
    ],
)
def test_cdn_and_resized_copies_map_to_the_original_upload(url):
    assert uploads_key(url) == "2024/05/foto.png"


class NoTargets:
    def link(self, href):
        return ("url", href)

    def attachment(self, wp_id=None, url=None):
        return None


def test_classic_and_block_editor_html_become_our_blocks():
    result = Converter(NoTargets()).convert(
        '<!-- wp:paragraph --><p style="color:red">Uno <font color="red">dos</font>'
        "&nbsp;&nbsp;</p><!-- /wp:paragraph -->\n\n<p>&nbsp;</p>\n\n"
        "Sin párrafo\n\n<h2>Título</h2><blockquote><p>Cita</p><cite>Ana</cite>"
        "</blockquote>\n\n[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]"
    )
    assert result.blocks == [
        {"type": "paragraph", "value": "<p>Uno dos</p><p>Sin párrafo</p>"},
        {"type": "heading", "value": {"text": "Título", "level": "h2"}},
        {"type": "quote", "value": {"quote": "Cita", "attribution": "Ana"}},
        {
            "type": "video",
            "value": {
                "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "title": "Video",
            },
        },
    ]
    assert result.comments == 2
