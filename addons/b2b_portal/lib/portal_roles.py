"""What each portal role may do for a legal entity, before and after confirmation.

A contact acts for a legal entity with one role (head, buyer or accountant). New users can
order at once; everything touching money (documents, balance, settlements, credit) and the
management of other users opens only once the head or the manager confirms them.
"""

# Rights a role grants for one legal entity.
ORDER = "order"  # place orders, fill the cart
ORDERS_OWN = "orders_own"  # see the orders one placed
ORDERS_ALL = "orders_all"  # see every order of the entity
DOCUMENTS = "documents"  # invoices, deliveries and their files
BALANCE = "balance"  # balance, settlements, reconciliation acts
CREDIT = "credit"  # credit requests
USERS = "users"  # add, limit, confirm and remove the entity's users
ADDRESSES = "addresses"  # add and edit delivery addresses

ALL_RIGHTS = frozenset(
    {ORDER, ORDERS_OWN, ORDERS_ALL, DOCUMENTS, BALANCE, CREDIT, USERS, ADDRESSES}
)

ROLES = ("head", "buyer", "accountant")

ROLE_RIGHTS = {
    "head": ALL_RIGHTS,
    "buyer": frozenset({ORDER, ORDERS_OWN}),
    "accountant": frozenset({DOCUMENTS, BALANCE}),
}

# What an access grants before the head or the manager confirms it.
UNCONFIRMED_RIGHTS = frozenset({ORDER, ORDERS_OWN})


def rights(role, confirmed):
    """The rights an access with ``role`` grants; unknown roles grant nothing."""
    granted = ROLE_RIGHTS.get(role, frozenset())
    return granted if confirmed else granted & UNCONFIRMED_RIGHTS


def grants(role, confirmed, right):
    """Whether an access with ``role`` (``confirmed`` or not) grants ``right``."""
    if right not in ALL_RIGHTS:
        raise ValueError(f"unknown portal right {right!r}")
    return right in rights(role, confirmed)
