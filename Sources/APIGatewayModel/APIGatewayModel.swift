// APIGatewayModel
