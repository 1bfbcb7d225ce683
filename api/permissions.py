"""Who may mutate: editors only."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from api.auth import Role
from api.errors import ApiError, ErrorCode

__all__ = ["IsEditor"]


class IsEditor(BasePermission):
    """Lets a field run only for an editor's bearer token.

    Example
    -------
    ``@strawberry.mutation(permission_classes=[IsEditor])``: with no token the
    caller gets ``UNAUTHENTICATED``, with a reader's token ``FORBIDDEN``.
    """

    message = "an editor's bearer token is needed"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        role = info.context.role
        if role is None:
            raise ApiError(
                ErrorCode.UNAUTHENTICATED,
                "this mutation needs an editor's token: send `Authorization: Bearer <token>`",
            )
        if role is not Role.EDITOR:
            raise ApiError(
                ErrorCode.FORBIDDEN, "this token may read but not edit; use an editor's token"
            )
        return True
