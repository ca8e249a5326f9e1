"""The web app and the JSON API: FastAPI pages and routes over the same query functions as the CLI.

    create_app(db, read_only=False)   the ASGI app for one database
    app_from_env()                    the same, configured by ONRECORD_* environment variables,
                                      for `uvicorn --factory onrecord.web:app_from_env`

Modules: `app` (assembly, Host allow-list, security headers, error shape), `api` (JSON routes),
`schemas` (their OpenAPI models), `pages` (server-rendered HTML), `render` (text to highlighted,
escaped HTML), `upload` (receiving uploaded files to disk, and ingesting them), `jobs` (the bounded
upload queue and its worker, shared by the API and the upload page).
"""

from onrecord.web.app import app_from_env, create_app
from onrecord.web.deps import Settings

__all__ = ["Settings", "app_from_env", "create_app"]
