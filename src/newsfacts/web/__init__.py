"""The web app and JSON API (`pip install 'newsfacts[web]'`): `create_app()`, run by `newsfacts serve`."""

from .app import create_app

__all__ = ["create_app"]
