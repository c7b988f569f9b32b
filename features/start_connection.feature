Feature: StartConnection
  Outposts StartConnection starts the connection an Outpost server needs for installation.
  restJson1: POST /connections with a JSON body (Content-Type: application/json) holding
  AssetId (required, 1..100 characters, ^(\w+)$), ClientPublicKey (required, exactly 44
  characters, ^[a-zA-Z0-9/+]{43}=$), DeviceSerialNumber (optional in the current service model,
  1..100 characters, ^(\w+)$) and NetworkInterfaceDeviceIndex (required integer, 0..1).
  Success is 200 {ConnectionId, UnderlayIpAddress}; invalid input is 400 ValidationException,
  named in X-Amzn-ErrorType, with a Message member.

  Background:
    Given a valid "StartConnection" request

  @creates @StartConnection.response @StartConnection.response.status
  Scenario: A valid request is accepted and the 200 body conforms
    When I send the request
    Then the request is accepted
    And the response conforms to the spec

  # ---- AssetId -------------------------------------------------------------------------------

  @creates @StartConnection.AssetId.minLength @StartConnection.AssetId.maxLength
  Scenario Outline: AssetId of <length> characters (inside 1..100) is accepted
    Given the member "AssetId" is set to a string of length <length>
    When I send the request
    Then the request is accepted

    Examples:
      | length |
      | 1      |
      | 2      |
      | 99     |
      | 100    |

  @StartConnection.AssetId.maxLength @StartConnection.error.ValidationException
  Scenario Outline: AssetId longer than 100 characters is rejected (<length>)
    Given the member "AssetId" is set to a string of length <length>
    When I send the request
    Then the request is rejected for breaking "maxLength" of "$.AssetId"

    Examples:
      | length |
      | 101    |
      | 102    |
      | 1000   |

  @StartConnection.AssetId.minLength @StartConnection.AssetId.pattern
  Scenario: An empty AssetId is rejected
    Given the member "AssetId" is set to ""
    When I send the request
    Then the request is rejected for breaking "minLength" of "$.AssetId"

  @creates @StartConnection.AssetId.pattern
  Scenario Outline: AssetId made of ASCII word characters is accepted (<value>)
    Given the member "AssetId" is set to "<value>"
    When I send the request
    Then the request is accepted

    Examples:
      | value           |
      | OutpostServer01 |
      | asset_with_4_us |
      | _               |
      | 0123456789      |

  @StartConnection.AssetId.pattern
  Scenario Outline: AssetId outside ^(\w+)$ is rejected (<value>)
    Given the member "AssetId" is set to "<value>"
    When I send the request
    Then the request is rejected for breaking "pattern" of "$.AssetId"

    Examples:
      | value      |
      | abc-def    |
      | abc def    |
      | asset.01   |
      | café       |
      | é          |
      | Ω1         |
      | ١٢٣        |
      | asset/01   |
      | asset\n    |

  @StartConnection.AssetId.pattern
  Scenario: 100 Unicode letters are 100 characters but not \w
    Given the member "AssetId" is set to 100 "é" characters
    When I send the request
    Then the request is rejected for breaking "pattern" of "$.AssetId"

  @StartConnection.AssetId.maxLength @StartConnection.AssetId.pattern
  Scenario: 101 Unicode letters break both the length and the pattern
    Given the member "AssetId" is set to 101 "é" characters
    When I send the request
    Then the request is rejected for breaking "maxLength" of "$.AssetId"

  @StartConnection.AssetId.required
  Scenario: A missing AssetId is rejected
    Given the member "AssetId" is removed
    When I send the request
    Then the request is rejected for breaking "required" of "$.AssetId"

  @StartConnection.AssetId.required
  Scenario: JSON null for the required AssetId counts as missing
    Given the member "AssetId" is set to JSON null
    When I send the request
    Then the request is rejected for breaking "required" of "$.AssetId"

  @StartConnection.AssetId.type
  Scenario Outline: AssetId of the wrong JSON type is rejected (<json>)
    Given the member "AssetId" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.AssetId"

    Examples:
      | json      |
      | 1         |
      | 12.5      |
      | true      |
      | {}        |
      | ["asset"] |

  # ---- ClientPublicKey -----------------------------------------------------------------------

  @creates @StartConnection.ClientPublicKey.minLength @StartConnection.ClientPublicKey.maxLength @StartConnection.ClientPublicKey.pattern
  Scenario Outline: A 44-character key of 43 key characters and "=" is accepted (<chars>)
    Given the member "ClientPublicKey" is set to 43 "<chars>" characters followed by "="
    When I send the request
    Then the request is accepted

    Examples:
      | chars |
      | A     |
      | z     |
      | 0     |
      | /     |
      | +     |

  @StartConnection.ClientPublicKey.minLength @StartConnection.ClientPublicKey.pattern
  Scenario Outline: A key shorter than 44 characters is rejected (<count> characters and "=")
    Given the member "ClientPublicKey" is set to <count> "a" characters followed by "="
    When I send the request
    Then the request is rejected for breaking "minLength" of "$.ClientPublicKey"

    Examples:
      | count |
      | 42    |
      | 0     |

  @StartConnection.ClientPublicKey.maxLength @StartConnection.ClientPublicKey.pattern
  Scenario Outline: A key longer than 44 characters is rejected (<count> characters and "=")
    Given the member "ClientPublicKey" is set to <count> "a" characters followed by "="
    When I send the request
    Then the request is rejected for breaking "maxLength" of "$.ClientPublicKey"

    Examples:
      | count |
      | 44    |
      | 100   |

  @StartConnection.ClientPublicKey.pattern
  Scenario Outline: A 44-character key outside ^[a-zA-Z0-9/+]{43}=$ is rejected (<what>)
    Given the member "ClientPublicKey" is set to <count> "<chars>" characters followed by "<last>"
    When I send the request
    Then the request is rejected for breaking "pattern" of "$.ClientPublicKey"

    Examples:
      | what                  | count | chars | last |
      | 44 characters, no "=" | 43    | a     | a    |
      | ends in "=="          | 42    | a     | ==   |
      | "=" not last          | 42    | a     | =a   |
      | a "-" (base64url)     | 43    | -     | =    |
      | a "_" (base64url)     | 43    | _     | =    |
      | Unicode letters       | 43    | é     | =    |
      | a "." inside          | 43    | .     | =    |

  @StartConnection.ClientPublicKey.minLength
  Scenario: An empty key is rejected
    Given the member "ClientPublicKey" is set to ""
    When I send the request
    Then the request is rejected for breaking "minLength" of "$.ClientPublicKey"

  @StartConnection.ClientPublicKey.required
  Scenario Outline: A missing key is rejected (<how>)
    Given the member "ClientPublicKey" is <how>
    When I send the request
    Then the request is rejected for breaking "required" of "$.ClientPublicKey"

    Examples:
      | how              |
      | removed          |
      | set to JSON null |

  @StartConnection.ClientPublicKey.type
  Scenario Outline: A key of the wrong JSON type is rejected (<json>)
    Given the member "ClientPublicKey" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.ClientPublicKey"

    Examples:
      | json |
      | 44   |
      | true |
      | []   |

  # ---- DeviceSerialNumber (optional) ---------------------------------------------------------

  @creates @StartConnection.DeviceSerialNumber.type
  Scenario Outline: DeviceSerialNumber is optional (<how>)
    Given the member "DeviceSerialNumber" is <how>
    When I send the request
    Then the request is accepted

    Examples:
      | how              |
      | removed          |
      | set to JSON null |

  @creates @StartConnection.DeviceSerialNumber.minLength @StartConnection.DeviceSerialNumber.maxLength
  Scenario Outline: DeviceSerialNumber of <length> characters (inside 1..100) is accepted
    Given the member "DeviceSerialNumber" is set to a string of length <length>
    When I send the request
    Then the request is accepted

    Examples:
      | length |
      | 1      |
      | 2      |
      | 99     |
      | 100    |

  @StartConnection.DeviceSerialNumber.maxLength
  Scenario: DeviceSerialNumber of 101 characters is rejected
    Given the member "DeviceSerialNumber" is set to a string of length 101
    When I send the request
    Then the request is rejected for breaking "maxLength" of "$.DeviceSerialNumber"

  @StartConnection.DeviceSerialNumber.minLength
  Scenario: An empty DeviceSerialNumber is rejected
    Given the member "DeviceSerialNumber" is set to ""
    When I send the request
    Then the request is rejected for breaking "minLength" of "$.DeviceSerialNumber"

  @StartConnection.DeviceSerialNumber.pattern
  Scenario Outline: DeviceSerialNumber outside ^(\w+)$ is rejected (<value>)
    Given the member "DeviceSerialNumber" is set to "<value>"
    When I send the request
    Then the request is rejected for breaking "pattern" of "$.DeviceSerialNumber"

    Examples:
      | value    |
      | SN-0001  |
      | sérial   |
      | SN 0001  |

  @StartConnection.DeviceSerialNumber.type
  Scenario Outline: DeviceSerialNumber of the wrong JSON type is rejected (<json>)
    Given the member "DeviceSerialNumber" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.DeviceSerialNumber"

    Examples:
      | json  |
      | 12345 |
      | false |
      | {}    |

  # ---- NetworkInterfaceDeviceIndex -----------------------------------------------------------

  @creates @StartConnection.NetworkInterfaceDeviceIndex.minimum @StartConnection.NetworkInterfaceDeviceIndex.maximum
  Scenario Outline: NetworkInterfaceDeviceIndex <value> (inside 0..1) is accepted
    Given the member "NetworkInterfaceDeviceIndex" is set to JSON <value>
    When I send the request
    Then the request is accepted

    Examples:
      | value |
      | 0     |
      | 1     |

  @StartConnection.NetworkInterfaceDeviceIndex.minimum
  Scenario Outline: NetworkInterfaceDeviceIndex below 0 is rejected (<value>)
    Given the member "NetworkInterfaceDeviceIndex" is set to JSON <value>
    When I send the request
    Then the request is rejected for breaking "minimum" of "$.NetworkInterfaceDeviceIndex"

    Examples:
      | value       |
      | -1          |
      | -2147483648 |

  @StartConnection.NetworkInterfaceDeviceIndex.maximum
  Scenario Outline: NetworkInterfaceDeviceIndex above 1 is rejected (<value>)
    Given the member "NetworkInterfaceDeviceIndex" is set to JSON <value>
    When I send the request
    Then the request is rejected for breaking "maximum" of "$.NetworkInterfaceDeviceIndex"

    Examples:
      | value      |
      | 2          |
      | 2147483647 |

  @StartConnection.NetworkInterfaceDeviceIndex.required
  Scenario Outline: A missing NetworkInterfaceDeviceIndex is rejected (<how>)
    Given the member "NetworkInterfaceDeviceIndex" is <how>
    When I send the request
    Then the request is rejected for breaking "required" of "$.NetworkInterfaceDeviceIndex"

    Examples:
      | how              |
      | removed          |
      | set to JSON null |

  @StartConnection.NetworkInterfaceDeviceIndex.type
  Scenario Outline: NetworkInterfaceDeviceIndex of the wrong JSON type is rejected (<json>)
    Given the member "NetworkInterfaceDeviceIndex" is set to JSON <json>
    When I send the request
    Then the request is rejected for breaking "type" of "$.NetworkInterfaceDeviceIndex"

    Examples:
      | json |
      | "1"  |
      | "0"  |
      | 0.5  |
      | true |
      | [0]  |

  # ---- the request as a whole ----------------------------------------------------------------

  @StartConnection.json
  Scenario Outline: A body that is not one JSON object is rejected (<what>)
    Given the body is: <body>
    When I send the request
    Then the request is rejected for breaking "json"

    Examples:
      | what              | body                 |
      | truncated         | {"AssetId": "a1      |
      | trailing garbage  | {"AssetId": "a1"} x  |
      | not JSON          | AssetId=a1           |
      | a JSON array      | []                   |
      | a JSON string     | "AssetId"            |
      | single quotes     | {'AssetId': 'a1'}    |

  @StartConnection.json @StartConnection.AssetId.required
  Scenario: An empty body is rejected
    Given the body is empty
    When I send the request
    Then the request is rejected for breaking "json"

  @StartConnection.contentType
  Scenario Outline: A body without the JSON media type is rejected (<content type>)
    Given the header "Content-Type" is "<content type>"
    When I send the request
    Then the request is rejected for breaking "contentType"

    Examples:
      | content type                      |
      | text/plain                        |
      | application/x-www-form-urlencoded |
      | application/xml                   |

  @StartConnection.contentType
  Scenario: A body without a Content-Type is rejected
    Given the header "Content-Type" is removed
    When I send the request
    Then the request is rejected for breaking "contentType"

  @creates @StartConnection.contentType
  Scenario Outline: Media-type parameters and case do not matter (<content type>)
    Given the header "Content-Type" is "<content type>"
    When I send the request
    Then the request is accepted

    Examples:
      | content type                    |
      | application/json; charset=utf-8 |
      | Application/JSON                |

  @creates @StartConnection.json
  Scenario: Members the operation does not know are ignored
    Given the member "FutureMember" is set to "ignored"
    When I send the request
    Then the request is accepted

  @StartConnection.error.ValidationException
  Scenario: A validation error names its type, status and message the restJson1 way
    Given the member "NetworkInterfaceDeviceIndex" is set to JSON 2
    When I send the request
    Then the error type is "ValidationException" with status 400
