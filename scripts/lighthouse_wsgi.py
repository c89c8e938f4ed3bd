"""WSGI app for scripts/lighthouse.py: the production app, plus media files.

In production the proxy (deploy/Caddyfile) serves /media/; here WhiteNoise does,
so the measured pages load their images as readers' browsers would.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from whitenoise import WhiteNoise

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clac_cms.settings.production")

# autorefresh: renditions made after start-up (first view of a page) are served too.
application = WhiteNoise(get_wsgi_application(), max_age=86400, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
