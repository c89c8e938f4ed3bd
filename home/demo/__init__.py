"""Demo content for clac-cms: texts (Spanish with translations), generated images and
documents, and the loader behind ``manage.py load_demo_content``."""
