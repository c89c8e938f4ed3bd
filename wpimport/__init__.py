"""The WordPress import (issue 19): posts, pages, media and translations, old URLs."""
