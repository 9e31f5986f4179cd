"""Card numbers (PANs): validated, recognised by brand, and only ever shown masked.

>>> from installments_core.cards import CardNumber, card_brand, luhn_valid, mask_pan
>>> card = CardNumber("4622 9431 2701 9793")
>>> card, card.brand, luhn_valid("4622943127019793"), mask_pan("4622943127019793")
(CardNumber('****9793'), <CardBrand.VISA: 'VISA'>, True, '****9793')
"""

from ._core.card import CardBrand, CardNumber, card_brand, luhn_valid, mask_pan

__all__ = ["CardBrand", "CardNumber", "card_brand", "luhn_valid", "mask_pan"]
