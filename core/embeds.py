"""The privacy-friendly video facade: only YouTube and Vimeo, no request until a click."""

import re
from urllib.parse import parse_qs, urlparse

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
VIMEO_ID = re.compile(r"^\d{3,12}$")

# Hosts the Content-Security-Policy allows in frame-src.
FRAME_HOSTS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")


def embed_src(url: str) -> str:
    """Return the iframe address for a supported video URL, else an empty string."""
    try:
        parsed = urlparse(url)
    except ValueError:
        return ""
    host = (parsed.hostname or "").lower()
    video_id = ""
    if host in {"youtube.com", "www.youtube.com", "m.youtube.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        if YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/")
        if YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    elif host in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        video_id = parsed.path.rstrip("/").split("/")[-1]
        if VIMEO_ID.match(video_id):
            return f"https://player.vimeo.com/video/{video_id}?autoplay=1&dnt=1"
    return ""
